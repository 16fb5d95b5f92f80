import type { GlobalThemeOverrides } from 'naive-ui'

// naive-ui's light accents (#18a058, #f0a020, #2080f0) are under 4.5:1 on white as small text: darker tones, same hues.
export const lightThemeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#0b6e3d',
    primaryColorHover: '#118a4d',
    primaryColorPressed: '#095c33',
    primaryColorSuppl: '#118a4d',
    successColor: '#0b6e3d',
    successColorHover: '#118a4d',
    successColorPressed: '#095c33',
    successColorSuppl: '#118a4d',
    warningColor: '#965400',
    warningColorHover: '#b06400',
    warningColorPressed: '#7a4400',
    warningColorSuppl: '#b06400',
    infoColor: '#1559b3',
    infoColorHover: '#1d6bd1',
    infoColorPressed: '#104a94',
    infoColorSuppl: '#1d6bd1',
    textColor3: 'rgb(98, 103, 108)'
  }
}
