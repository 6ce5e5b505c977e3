// zod's CSP-safe mode comes first, before @accord/core loads (see zodJitless.ts).
import './zodJitless';
import '@accord/react/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('[accord] index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
