import { browserFilesDir } from '../lib/browser-files-dir';

/** The agent page's own browser files (agent.js, agent.css). */
export const AGENT_STATIC_DIR = browserFilesDir(__dirname, 'agent.js');
