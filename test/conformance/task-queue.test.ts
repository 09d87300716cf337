import { embeddedTaskBackend } from './embedded-queue';
import { describeTaskQueueConformance } from './task-queue.suite';

describeTaskQueueConformance('in-process queue on SQLite (embedded)', embeddedTaskBackend);
