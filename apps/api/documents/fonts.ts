// The fonts of generated documents. Official 公文 fonts (仿宋_GB2312 for the body, 方正小标宋 for titles)
// are not free; duban ships Noto Serif SC (SIL Open Font License, an npm package, so a PDF can be
// written after `npm install` alone) and takes an installed font instead when DUBAN_DOCUMENT_FONT /
// DUBAN_DOCUMENT_TITLE_FONT name one.
import type { AppConfig } from '@duban/runtime';

/** The shipped faces: regular for the body, bold for titles. */
export const SHIPPED_FONTS = {
  body: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  title: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

/** Font names a DOCX asks Word/WPS for: the official faces where installed, the free look-alike otherwise. */
export const DOCX_FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  /** What a reader without the official faces falls back to (set as the East Asian font's alternative). */
  fallback: 'Noto Serif SC',
} as const;

export interface DocumentFonts {
  /** Path of the body font file. */
  body: string;
  /** Path of the title font file. */
  title: string;
}

/** The PDF fonts for these settings: the configured overrides, else the shipped Noto Serif SC. */
export function documentFonts(config: Pick<AppConfig, 'documentFont' | 'documentTitleFont'>): DocumentFonts {
  const body = config.documentFont ?? require.resolve(SHIPPED_FONTS.body);
  const title = config.documentTitleFont ?? (config.documentFont ? body : require.resolve(SHIPPED_FONTS.title));
  return { body, title };
}
