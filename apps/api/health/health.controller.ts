import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { HealthService, type HealthReport } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when Temporal and PostgreSQL both answer, 503 otherwise. */
  @Get()
  @Public()
  @ApiOkResponse({ description: 'Temporal 与 PostgreSQL 均应答：{status: ok, temporal: up, postgres: up}' })
  @ApiServiceUnavailableResponse({ description: 'Temporal 或 PostgreSQL 未应答：同样的健康报告，status 为 degraded' })
  async get(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
