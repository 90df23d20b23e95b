import { dirname, join } from 'node:path';

/**
 * Noto Sans SC, installed from npm (@expo-google-fonts/noto-sans-sc), so Chinese renders the same
 * on every machine and in every image without an OS font package. PDFKit embeds only the glyphs used.
 */
const root = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));

export const REPORT_FONTS = {
  regular: join(root, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: join(root, '700Bold', 'NotoSansSC_700Bold.ttf'),
};
