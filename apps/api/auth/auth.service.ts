import { Injectable } from '@nestjs/common';
import { OrganizationRepository, verifyPassword } from '@duban/db';
import type { Role } from '@duban/domain';
import { DomainError, ErrorCode } from '../errors/domain-error';
import type { LoginBody, LoginResponseDto } from './auth.dto';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';

// Verifying against a real hash when the user does not exist keeps response times alike.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(
    private readonly organization: OrganizationRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(body: LoginBody, clientAddress: string): Promise<LoginResponseDto> {
    const keys = [`user:${body.username.toLowerCase()}`, `ip:${clientAddress}`];
    this.throttle.assertAllowed(keys);
    const user = await this.organization.findUser(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      this.throttle.recordFailure(keys);
      throw new DomainError(ErrorCode.InvalidCredentials, '用户名或密码错误');
    }
    this.throttle.recordSuccess([keys[0]]);
    const dto = { username: user.username, displayName: user.displayName, role: user.role as Role, departmentCode: user.departmentCode };
    return { ...(await this.tokens.issue(dto)), user: dto };
  }
}
