import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { Public } from './access.decorators';
import { loginBody, type LoginBody, type LoginResponseDto } from './auth.dto';
import { AuthService } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(loginBody)) body: LoginBody, @Ip() ip: string): Promise<LoginResponseDto> {
    return this.auth.login(body, ip);
  }
}
