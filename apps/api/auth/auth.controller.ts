import { Body, Controller, Get, HttpCode, Ip, Post, Req } from '@nestjs/common';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { OpenDuringPasswordChange, Public, SignedIn } from './access.decorators';
import { changePasswordBody, loginBody, type ChangePasswordBody, type LoginBody, type LoginResponseDto, type LogoutResponseDto, type PasswordChangedDto, type UserDto } from './auth.dto';
import type { AuthenticatedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import type { CheckedSession } from './session.service';

function sessionOf(request: AuthenticatedRequest): CheckedSession {
  if (!request.authSession) throw new DomainError(ErrorCode.NotAuthenticated, '请先登录');
  return request.authSession;
}

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Signs in: a server-side session and its first access token. The client address is the one TRUST_PROXY makes of the request. */
  @Post('login')
  @Public()
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(loginBody)) body: LoginBody, @Ip() ip: string, @Req() request: AuthenticatedRequest): Promise<LoginResponseDto> {
    return this.auth.login(body, { address: ip, userAgent: request.headers['user-agent'] });
  }

  /** A fresh access token while the session is alive (not signed out, not idle, within its lifetime). */
  @Post('refresh')
  @SignedIn()
  @OpenDuringPasswordChange()
  @HttpCode(200)
  refresh(@Req() request: AuthenticatedRequest): Promise<LoginResponseDto> {
    return this.auth.refresh(sessionOf(request));
  }

  /** Signs out: the session ends on the server, so its tokens stop working at once. */
  @Post('logout')
  @SignedIn()
  @OpenDuringPasswordChange()
  @HttpCode(200)
  logout(@Req() request: AuthenticatedRequest): Promise<LogoutResponseDto> {
    return this.auth.logout(sessionOf(request));
  }

  /** The signed-in user (mustChangePassword says whether only a password change is possible). */
  @Get('me')
  @SignedIn()
  @OpenDuringPasswordChange()
  me(@Req() request: AuthenticatedRequest): UserDto {
    return this.auth.me(sessionOf(request));
  }

  /** Changes one's own password; this session stays, the user's other sessions are signed out. */
  @Post('password')
  @SignedIn()
  @OpenDuringPasswordChange()
  @HttpCode(200)
  changePassword(@Body(new ZodValidationPipe(changePasswordBody)) body: ChangePasswordBody, @Req() request: AuthenticatedRequest): Promise<PasswordChangedDto> {
    return this.auth.changePassword(sessionOf(request), body);
  }
}
