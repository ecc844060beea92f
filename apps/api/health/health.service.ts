import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';

export interface HealthReport {
  status: 'ok' | 'degraded';
  temporal: 'up' | 'down';
  postgres: 'up' | 'down';
}

const CHECK_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly client: Client,
    private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<HealthReport> {
    const [temporal, postgres] = await Promise.all([
      probe(() => this.client.workflowService.getSystemInfo({})),
      probe(() => this.dataSource.query('SELECT 1')),
    ]);
    return { status: temporal === 'up' && postgres === 'up' ? 'ok' : 'degraded', temporal, postgres };
  }
}

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
