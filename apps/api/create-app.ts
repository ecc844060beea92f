import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from './app.module';
import { ErrorFilter } from './errors/error.filter';
import { ApiConfig } from './infra/api-config';

/** Builds the HTTP app (used by the API process and by tests). */
export async function createApiApp(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.with(config), { logger: ['error', 'warn'], bodyParser: true });
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  return app;
}
