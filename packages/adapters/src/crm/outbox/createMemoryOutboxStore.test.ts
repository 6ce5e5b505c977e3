import { describeOutboxStore } from './__fixtures__/describeOutboxStore';
import { createMemoryOutboxStore } from './createMemoryOutboxStore';

describeOutboxStore('createMemoryOutboxStore', async () => createMemoryOutboxStore());
