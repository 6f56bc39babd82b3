/** What the unit runs: the absolute paths of node and the gpuops entry point, and the exporter flags. */
export interface UnitOptions {
  node: string;
  script: string;
  args: string[];
}

const quote = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/(["\\])/g, '\\$1')}"`);

/** A systemd unit that runs the exporter as a locked-down service. */
export function systemdUnit(o: UnitOptions): string {
  const exec = [o.node, o.script, 'exporter', ...o.args].map(quote).join(' ');
  return `# gpuops exporter: GPU metrics for Prometheus (dcgm-exporter names) from nvidia-smi.
# Install: sudo tee /etc/systemd/system/gpuops-exporter.service < this-file
#          sudo systemctl daemon-reload && sudo systemctl enable --now gpuops-exporter
[Unit]
Description=gpuops GPU exporter (Prometheus metrics from nvidia-smi)
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart=${exec}
Restart=on-failure
RestartSec=5s
DynamicUser=yes
# Xid errors are read from /dev/kmsg, which needs CAP_SYSLOG where kernel.dmesg_restrict=1 (the Ubuntu default).
AmbientCapabilities=CAP_SYSLOG
CapabilityBoundingSet=CAP_SYSLOG
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
NoNewPrivileges=yes
MemoryMax=256M

[Install]
WantedBy=multi-user.target
`;
}
