import { load } from '@gowasm/bridge';
const = 5;
