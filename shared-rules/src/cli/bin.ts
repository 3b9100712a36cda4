import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './main';
import { enableScanHelpers, runScanHelper, SCAN_HELPER } from './parallel';

// This bundle is also the scan helpers' script (see parallel.ts).
if (isMainThread || !(workerData as Record<string, unknown> | undefined)?.[SCAN_HELPER]) {
  enableScanHelpers(__filename);
  main();
} else runScanHelper();
