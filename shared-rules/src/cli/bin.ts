import { main } from './main';
import { enableScanHelpers, isScanHelper, runScanHelper } from './parallel';

// This bundle is also the scan helpers' script (see parallel.ts).
if (isScanHelper()) runScanHelper();
else {
  enableScanHelpers(__filename);
  main();
}
