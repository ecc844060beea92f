import { Reflector } from '@nestjs/core';
import type { Role } from '@duban/domain';

/** Roles allowed to call a route; every route declares this, @SignedIn() or @Public(). */
export const Roles = Reflector.createDecorator<Role[]>();

/** A route anyone may call without signing in (login, health). */
export const Public = Reflector.createDecorator<true>({ transform: () => true });

/** Any signed-in user may call the route (reads that services scope themselves). */
export const SignedIn = Reflector.createDecorator<true>({ transform: () => true });

/**
 * A signed-in route that stays open while the user must change their password (change password,
 * sign out, who am I, refresh); every other route then answers 403 PASSWORD_CHANGE_REQUIRED.
 */
export const OpenDuringPasswordChange = Reflector.createDecorator<true>({ transform: () => true });
