import react from '@vitejs/plugin-react'
import gowasm from '@gowasm/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react(), gowasm({ packages: ['./greet'] })],
})
