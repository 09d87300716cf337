import { randomBytes } from 'node:crypto';
import { describeIdentityConformance } from './identity.suite';
import { identityBackendFor } from './identity.test-backend';

describeIdentityConformance('local signed tokens (embedded)', () => identityBackendFor(randomBytes(32)));
