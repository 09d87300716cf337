import { FirestoreState } from '@firestore-emulator/server';
import { FirestoreServiceV1Impl } from '@firestore-emulator/server/dist/server/FirestoreServiceV1Impl/index.js';
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';

/**
 * @firestore-emulator/server (a Node reimplementation of the Firestore emulator's gRPC API) on a
 * loopback port the OS picks. Its own `start(port)` binds every interface, so the service is
 * mounted on a server bound to 127.0.0.1 here instead. Known gaps: docs/decisions/702.
 */
export async function startLocalFirestore(): Promise<{ host: string; stop(): void }> {
  const server = new Server();
  // The package ships its own copy of grpc-js; the implementation object is the same shape.
  const impl = new FirestoreServiceV1Impl(new FirestoreState()) as unknown as UntypedServiceImplementation;
  server.addService(FirestoreServiceV1Impl.definition, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { host: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

/**
 * Where a test's Firestore client goes: Google's emulator when FIRESTORE_EMULATOR_HOST is set
 * (the client lets it override any host it is given, so starting the local server would be for
 * nothing), otherwise @firestore-emulator/server.
 */
export async function firestoreTestTarget(): Promise<{ host: string; stop(): void }> {
  const google = process.env.FIRESTORE_EMULATOR_HOST;
  return google ? { host: google, stop: () => {} } : startLocalFirestore();
}
