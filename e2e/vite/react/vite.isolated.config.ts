import { defineConfig, mergeConfig } from 'vite'
import base from './vite.config'

// Cross-origin isolated pages can share memory with their workers, so
// worker and pool modes pass sync calls through it instead of messages.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

export default mergeConfig(base, defineConfig({ server: { headers: isolation }, preview: { headers: isolation } }))
