import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { installErrorHandler } from './error-handler'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
installErrorHandler(app)
app.mount('#app')
