import { Body, Controller, Get, HttpCode, Ip, Post, Query, Req, Res } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { Public } from '../access.decorators';
import type { AuthenticatedRequest } from '../auth.guard';
import { exchangeBody, startQuery, type ExchangeBody, type SsoExchangeResponseDto, type SsoStatusDto, type StartQuery } from './oidc.dto';
import { OidcService } from './oidc.service';

/** 统一身份认证: single sign-on by OpenID Connect (code flow with PKCE); all public, the provider vouches for the person. */
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  /** Whether single sign-on is on, the sign-in button's text and whether password sign-in remains. */
  @Get()
  @Public()
  status(): SsoStatusDto {
    return this.oidc.status();
  }

  /** Sends the browser to the identity provider (302; no JSON body). */
  @Get('start')
  @Public()
  @ApiResponse({ status: 302, description: 'To the identity provider (Location header)' })
  async start(@Query(new ZodValidationPipe(startQuery)) query: StartQuery, @Res() response: Response): Promise<void> {
    response.redirect(302, await this.oidc.start(query.returnTo));
  }

  /** The identity provider's answer: 302 into the web app, to `#/sso/<one-time handoff>` or `#/login?sso_error=<CODE>`. */
  @Get('callback')
  @Public()
  @ApiResponse({ status: 302, description: 'Into the web app: #/sso/<handoff> or #/login?sso_error=<CODE> (Location header)' })
  async callback(@Ip() ip: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    response.redirect(302, await this.oidc.callback(request.originalUrl, { address: ip, userAgent: request.headers['user-agent'] }));
  }

  /** The one-time handoff (single use, 60 s) for the session's tokens: the same answer as POST /auth/login. */
  @Post('exchange')
  @Public()
  @HttpCode(200)
  exchange(@Body(new ZodValidationPipe(exchangeBody)) body: ExchangeBody): Promise<SsoExchangeResponseDto> {
    return this.oidc.exchange(body.handoff);
  }
}
