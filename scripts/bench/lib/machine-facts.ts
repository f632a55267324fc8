import os from 'node:os';

export interface MachineFacts {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  /** Load average over the last minute when the benchmark started: a noisy machine shows here. */
  loadAverage1m: number;
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export function describeMachine(m: MachineFacts, extra: Record<string, string> = {}): string {
  const facts = [
    `${m.cores} cores (${m.cpuModel})`,
    `${m.memoryGb} GB`,
    m.os,
    `Node ${m.node}`,
    ...Object.entries(extra).map(([k, v]) => `${k} ${v}`),
  ];
  return `${m.date.slice(0, 16).replace('T', ' ')} UTC; ${facts.join(', ')}; load ${m.loadAverage1m} at start`;
}
