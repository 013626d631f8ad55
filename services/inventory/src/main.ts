import { runService } from '@strata/service-kit';
import { inventoryService } from './service.ts';

process.exit(await runService(inventoryService));
