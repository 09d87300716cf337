import { embeddedBusBackend } from './embedded-queue';
import { describeEventBusConformance } from './event-bus.suite';

describeEventBusConformance('in-process bus on SQLite (embedded)', embeddedBusBackend);
