import { runService } from '@strata/service-kit';
import { ordersService } from './service.ts';

process.exit(await runService(ordersService));
