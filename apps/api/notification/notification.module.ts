import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationRepository } from '@duban/db';
import { NotificationController } from './notification.controller';
import { NotificationService } from './notification.service';

@Module({
  controllers: [NotificationController],
  providers: [
    NotificationService,
    // Only this module reads notifications (the worker writes them with the events).
    { provide: NotificationRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new NotificationRepository(dataSource) },
  ],
})
export class NotificationModule {}
