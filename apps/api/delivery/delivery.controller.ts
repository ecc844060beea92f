import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  channelEnabledBody,
  channelIdParam,
  channelTestBody,
  createChannelBody,
  deliveryIdParam,
  deliveryListQuery,
  deliverySettingsBody,
  preferencesBody,
  updateChannelBody,
  type ChannelDto,
  type ChannelEnabledBody,
  type ChannelListDto,
  type ChannelTestBody,
  type ChannelTestDto,
  type CreateChannelBody,
  type DeliveryDto,
  type DeliveryListQuery,
  type DeliveryPageDto,
  type DeliverySettingsBody,
  type DeliverySettingsDto,
  type DeliverySummaryDto,
  type PreferencesBody,
  type PreferencesDto,
  type UpdateChannelBody,
} from './delivery.dto';
import { DeliveryService } from './delivery.service';

const ChannelId = () => Param('id', new ZodValidationPipe(channelIdParam));

/** 消息渠道 (admin): e-mail, SMS gateway and group robots; secrets are never sent back. */
@Controller('notification-channels')
export class ChannelController {
  constructor(private readonly delivery: DeliveryService) {}

  @Get()
  @Roles(['admin'])
  list(): Promise<ChannelListDto> {
    return this.delivery.list();
  }

  @Post()
  @Roles(['admin'])
  create(@Body(new ZodValidationPipe(createChannelBody)) body: CreateChannelBody, @CurrentUser() user: AuthenticatedUser): Promise<ChannelDto> {
    return this.delivery.create(body, user);
  }

  @Put(':id')
  @Roles(['admin'])
  update(@ChannelId() id: string, @Body(new ZodValidationPipe(updateChannelBody)) body: UpdateChannelBody, @CurrentUser() user: AuthenticatedUser): Promise<ChannelDto> {
    return this.delivery.update(id, body, user);
  }

  @Post(':id/enabled')
  @Roles(['admin'])
  @HttpCode(200)
  enable(@ChannelId() id: string, @Body(new ZodValidationPipe(channelEnabledBody)) body: ChannelEnabledBody, @CurrentUser() user: AuthenticatedUser): Promise<ChannelDto> {
    return this.delivery.setEnabled(id, body.enabled, user);
  }

  @Post(':id/test')
  @Roles(['admin'])
  @HttpCode(200)
  test(@ChannelId() id: string, @Body(new ZodValidationPipe(channelTestBody)) body: ChannelTestBody, @CurrentUser() user: AuthenticatedUser): Promise<ChannelTestDto> {
    return this.delivery.test(id, body.to, user);
  }
}

/** 免打扰时段, SMS policy, daily digest (admin). */
@Controller('notification-settings')
export class DeliverySettingsController {
  constructor(private readonly delivery: DeliveryService) {}

  @Get()
  @Roles(['admin'])
  get(): Promise<DeliverySettingsDto> {
    return this.delivery.settings();
  }

  @Put()
  @Roles(['admin'])
  save(@Body(new ZodValidationPipe(deliverySettingsBody)) body: DeliverySettingsBody, @CurrentUser() user: AuthenticatedUser): Promise<DeliverySettingsDto> {
    return this.delivery.saveSettings(body, user);
  }
}

/** 投递记录 (admin): every pushed message, newest first; the lanes' summary; 重发 of a failed one. */
@Controller('deliveries')
export class DeliveryLogController {
  constructor(private readonly delivery: DeliveryService) {}

  @Get()
  @Roles(['admin'])
  list(@Query(new ZodValidationPipe(deliveryListQuery)) query: DeliveryListQuery): Promise<DeliveryPageDto> {
    return this.delivery.deliveries(query);
  }

  @Get('summary')
  @Roles(['admin'])
  summary(): Promise<DeliverySummaryDto> {
    return this.delivery.summary();
  }

  @Post(':id/retry')
  @Roles(['admin'])
  @HttpCode(200)
  retry(@Param('id', new ZodValidationPipe(deliveryIdParam)) id: string, @CurrentUser() user: AuthenticatedUser): Promise<DeliveryDto> {
    return this.delivery.retry(id, user);
  }
}

/** 通知方式: each signed-in person's own (e-mail every message / daily digest / none; SMS on or off). */
@Controller('notifications/preferences')
export class PreferencesController {
  constructor(private readonly delivery: DeliveryService) {}

  @Get()
  @SignedIn()
  get(@CurrentUser() user: AuthenticatedUser): Promise<PreferencesDto> {
    return this.delivery.preferences(user.username);
  }

  @Put()
  @SignedIn()
  save(@Body(new ZodValidationPipe(preferencesBody)) body: PreferencesBody, @CurrentUser() user: AuthenticatedUser): Promise<PreferencesDto> {
    return this.delivery.savePreferences(user.username, body);
  }
}
