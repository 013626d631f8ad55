import { runService } from '@strata/service-kit';
import { storefrontService } from './service.ts';

process.exit(await runService(storefrontService));
