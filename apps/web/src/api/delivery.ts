// The calls of 消息推送 (apps/api/delivery): channels, delivery settings, the delivery log, and each
// person's own 通知方式, with their answers' types from the API's own DTOs (types only).
import type {
  ChannelDto,
  ChannelListDto,
  ChannelTestDto,
  CreateChannelBody,
  DeliveryDto,
  DeliveryListQuery,
  DeliveryPageDto,
  DeliverySettingsBody,
  DeliverySettingsDto,
  DeliverySummaryDto,
  PreferencesBody,
  PreferencesDto,
  UpdateChannelBody,
} from '@duban/api/delivery/delivery.dto';
import { getJson, postJson, putJson } from './http';

export type {
  ChannelDto as Channel,
  ChannelListDto as ChannelList,
  ChannelTestDto as ChannelTestResult,
  CreateChannelBody,
  DeliveryDto as Delivery,
  DeliveryPageDto as DeliveryPage,
  DeliverySettingsDto as DeliverySettings,
  DeliverySummaryDto as DeliverySummary,
  LaneSummaryDto as LaneSummary,
  PreferencesDto as Preferences,
  UpdateChannelBody,
} from '@duban/api/delivery/delivery.dto';

const channel = (id: string) => `/notification-channels/${encodeURIComponent(id)}`;

export const listChannels = () => getJson<ChannelListDto>('/notification-channels');
export const createChannel = (body: CreateChannelBody) => postJson<ChannelDto>('/notification-channels', body);
export const updateChannel = (id: string, body: UpdateChannelBody) => putJson<ChannelDto>(channel(id), body);
export const setChannelEnabled = (id: string, enabled: boolean) => postJson<ChannelDto>(`${channel(id)}/enabled`, { enabled });
export const testChannel = (id: string, to?: string) => postJson<ChannelTestDto>(`${channel(id)}/test`, to ? { to } : {});

export const getDeliverySettings = () => getJson<DeliverySettingsDto>('/notification-settings');
export const saveDeliverySettings = (body: DeliverySettingsBody) => putJson<DeliverySettingsDto>('/notification-settings', body);

export const listDeliveries = (query: Partial<DeliveryListQuery>) => getJson<DeliveryPageDto>('/deliveries', query);
export const deliverySummary = () => getJson<DeliverySummaryDto>('/deliveries/summary');
export const retryDelivery = (id: string) => postJson<DeliveryDto>(`/deliveries/${encodeURIComponent(id)}/retry`);

export const getPreferences = () => getJson<PreferencesDto>('/notifications/preferences');
export const savePreferences = (body: PreferencesBody) => putJson<PreferencesDto>('/notifications/preferences', body);
