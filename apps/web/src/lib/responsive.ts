// The phone layout (below Ant Design's `md` breakpoint, 768 px): one question, asked in one place.
import { Grid } from 'antd';

/** True on a phone-sized screen (360–767 px wide); false on tablets and desktops (and before the first measurement). */
export function usePhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
