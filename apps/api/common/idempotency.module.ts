import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { IdempotencyRepository } from '@duban/db';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** `Idempotency-Key` on every command (signed-in POST), answered from PostgreSQL on a retry. */
@Module({
  providers: [
    { provide: IdempotencyRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new IdempotencyRepository(dataSource) },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule {}
