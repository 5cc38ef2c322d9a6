#!/usr/bin/env node
/*
 * The baseline of B1: a bare express handler with the MongoDB driver doing the same writes as the service's
 * command, against the same FerretDB, and nothing else (no token, no validation, no domain rules, no lock, no
 * events published). It runs in a process of its own, as each service does.
 *
 *   POST /participants          one insert of the participant document (with an outbox entry of an event's size)
 *   POST /bids/:bidId/submit    the submit's four writes: the idempotency record, the region's registration counter,
 *                               the bid (state and two outbox entries), the idempotency record completed
 */
import { createHmac, randomUUID } from 'node:crypto';
import express from 'express';
import { MongoClient } from 'mongodb';

const EVENT_SIZED = 'x'.repeat(1_400);

async function main(): Promise<void> {
  const client = await MongoClient.connect(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/');
  const db = client.db('bench-bare');
  const participants = db.collection('participants');
  const bids = db.collection<{ _id: string; pendingEvents: unknown[] }>('bids');
  const keys = db.collection('idempotencyKeys');
  const serials = db.collection<{ _id: string; last: number }>('registrationSerials');
  await participants.createIndex({ iinDigest: 1 }, { unique: true });

  const app = express();
  app.use(express.json());
  app.post('/participants', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const now = new Date();
    const participantId = `p-${randomUUID()}`;
    await participants.insertOne({
      _id: participantId as never,
      ...body,
      iinDigest: createHmac('sha256', 'bench').update(String(body.iin)).digest('hex'),
      version: 1,
      createdAt: now,
      updatedAt: now,
      pendingEvents: [{ id: randomUUID(), value: EVENT_SIZED, recordedAt: now }],
      outboxPending: true,
    });
    res.status(201).json({ participantId, ...body });
  });
  app.post('/bids/:bidId/submit', async (req, res) => {
    const key = `bid-submit:${String(req.get('idempotency-key'))}`;
    const now = new Date();
    await keys.insertOne({ _id: key as never, state: 'in-progress', startedAt: now });
    const counter = await serials.findOneAndUpdate(
      { _id: `2019-${req.params.bidId.slice(-1)}` },
      { $inc: { last: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    const body = { bidId: req.params.bidId, status: 'in-review', registrationNumber: counter?.last ?? 1 };
    await bids.updateOne(
      { _id: req.params.bidId },
      {
        $set: {
          status: 'in-review',
          registrationNumber: body.registrationNumber,
          submittedAt: now,
          updatedAt: now,
        },
        $inc: { version: 2 },
        $push: {
          pendingEvents: {
            $each: [
              { id: randomUUID(), value: EVENT_SIZED, recordedAt: now },
              { id: randomUUID(), value: EVENT_SIZED, recordedAt: now },
            ],
          },
        },
      },
    );
    await keys.updateOne({ _id: key as never }, { $set: { state: 'completed', status: 200, body } });
    res.status(200).json(body);
  });
  const port = Number(process.env.PORT ?? 4199);
  app.listen(port, '127.0.0.1', () => console.log(`bare baseline listening on ${port}`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
