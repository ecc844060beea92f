import { Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ChannelRepository } from '@duban/db';
import { kickDeliveryLanes } from '@duban/temporal';
import { ApiConfig } from '../infra/api-config';
import { ChannelController, DeliveryLogController, DeliverySettingsController, PreferencesController } from './delivery.controller';
import { DeliveryService } from './delivery.service';
import { LaneKicker } from './lane-kicker';

@Module({
  controllers: [ChannelController, DeliverySettingsController, DeliveryLogController, PreferencesController],
  providers: [
    DeliveryService,
    { provide: ChannelRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new ChannelRepository(dataSource) },
    // signalWithStart of `delivery-<lane>` (signal `kick`) on the API's task queue.
    { provide: LaneKicker, inject: [Client, ApiConfig], useFactory: (client: Client, config: ApiConfig): LaneKicker => ({ kick: (lanes) => kickDeliveryLanes(client, config.values.taskQueue, lanes) }) },
  ],
})
export class DeliveryModule {}
