import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DelegationRepository, OidcSignInRepository, SessionRepository, SignInThrottleRepository } from '@duban/db';
import { ActingFor } from '../delegation/acting-for';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { OidcProviderClient } from './oidc/oidc-provider.client';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { SessionService } from './session.service';
import { SignInThrottle } from './sign-in-throttle';
import { TokenService } from './token.service';

/**
 * Sign-in, sessions and the global guard. Other modules end a user's access with
 * `SessionService.revokeUser(username)` (or by bumping users.token_version, which has the same
 * effect within SESSION_CACHE_MS on every API process).
 */
@Module({
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    TokenService,
    SessionService,
    SignInThrottle,
    ActingFor,
    OidcProviderClient,
    OidcService,
    ...[SessionRepository, SignInThrottleRepository, DelegationRepository, OidcSignInRepository].map((repository) => ({
      provide: repository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new repository(dataSource),
    })),
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, SessionService],
})
export class AuthModule {}
