import vue from '@vitejs/plugin-vue'
import gowasm from '@gowasm/vite'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  plugins: [vue(), gowasm({ packages: ['./calc'] })],
})
