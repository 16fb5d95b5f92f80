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
    errorColor: '#b3192f',
    errorColorHover: '#c8283f',
    errorColorPressed: '#961427',
    errorColorSuppl: '#c8283f',
    textColor3: 'rgb(98, 103, 108)'
  },
  // An empty list's grey (#c2c2c2) is 1.8:1 on white.
  Empty: { textColor: 'rgb(98, 103, 108)' }
}

// naive-ui's dark empty-list text is 3.3:1 on the panels' grey; the rest of the dark theme passes as it is.
export const darkThemeOverrides: GlobalThemeOverrides = {
  Empty: { textColor: 'rgba(255, 255, 255, 0.62)' }
}
