import react from '@vitejs/plugin-react'
import gowasm from '@gowasm/vite'
import { defineConfig } from 'vite'

// https://vite.dev/config/
export default defineConfig({
  plugins: [react(), gowasm({ packages: ['./calc'] })],
})
