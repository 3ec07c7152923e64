import { openSqliteDb } from './sqlite'
import type { Db } from './port'

/** A promise the test resolves when it chooses (no timers, no sleeps). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

const value = async (db: Db, key: string) =>
  (await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key))?.value

test('the database counts the statements it runs and the commits they make (bench:api prints them per flow)', async () => {
  const db = openSqliteDb(':memory:')
  const start = db.counts()
  await db.run(`INSERT INTO meta (key, value) VALUES ('a', '1')`) // a write on its own: its own commit
  await db.get('SELECT value FROM meta WHERE key = ?', 'a') // a read: no commit
  await db.tx(async (t) => {
    // two writes and a read in one transaction: one commit
    await t.run(`INSERT INTO meta (key, value) VALUES ('b', '2')`)
    await t.run(`UPDATE meta SET value = '3' WHERE key = 'b'`)
    await t.all('SELECT COUNT(*) AS n FROM meta')
    await t.tx((s) => s.run(`DELETE FROM meta WHERE key = 'a'`)) // nested: a savepoint, no commit of its own
  })
  const end = db.counts()
  expect(end.statements - start.statements).toBe(6)
  expect(end.commits - start.commits).toBe(2)
  await db.close()
})

test('a statement from outside waits while a transaction is open, even one that awaits something else', async () => {
  const db = openSqliteDb(':memory:')
  const gate = deferred()
  const order: string[] = []
  const inside = db.tx(async (t) => {
    await t.run(`INSERT INTO meta (key, value) VALUES ('k', 'inside')`)
    order.push('tx wrote')
    await gate.promise // a real wait: other work runs meanwhile
    await t.run(`UPDATE meta SET value = 'committed' WHERE key = 'k'`)
    order.push('tx done')
  })
  // another request reads while the transaction waits: it must not see the uncommitted row
  const outside = value(db, 'k').then((v) => order.push(`outside read ${v}`))
  const outsideWrite = db.run(`INSERT INTO meta (key, value) VALUES ('o', '1')`).then(() => order.push('outside wrote'))
  await Promise.resolve()
  await new Promise((r) => setImmediate(r)) // every other callback has had its turn: the outside ones still wait
  expect(order).toEqual(['tx wrote'])
  gate.resolve()
  await Promise.all([inside, outside, outsideWrite])
  expect(order).toEqual(['tx wrote', 'tx done', 'outside read committed', 'outside wrote'])
  await db.close()
})

test('a transaction that throws is rolled back and the next one goes on', async () => {
  const db = openSqliteDb(':memory:')
  await expect(
    db.tx(async (t) => {
      await t.run(`INSERT INTO meta (key, value) VALUES ('x', '1')`)
      throw new Error('refused')
    })
  ).rejects.toThrow('refused')
  expect(await value(db, 'x')).toBeUndefined()
  await db.tx((t) => t.run(`INSERT INTO meta (key, value) VALUES ('x', '2')`))
  expect(await value(db, 'x')).toBe('2')
  await db.close()
})

test('a nested transaction is a savepoint: its throw undoes only its own writes', async () => {
  const db = openSqliteDb(':memory:')
  await db.tx(async (t) => {
    expect(t.inTransaction).toBe(true)
    await t.run(`INSERT INTO meta (key, value) VALUES ('outer', '1')`)
    await expect(
      t.tx(async (s) => {
        await s.run(`INSERT INTO meta (key, value) VALUES ('inner', '1')`)
        throw new Error('inner refused')
      })
    ).rejects.toThrow('inner refused')
    await t.tx((s) => s.run(`INSERT INTO meta (key, value) VALUES ('kept', '1')`))
  })
  expect(await value(db, 'outer')).toBe('1')
  expect(await value(db, 'inner')).toBeUndefined()
  expect(await value(db, 'kept')).toBe('1')
  expect(db.inTransaction).toBe(false)
  await db.close()
})

test('the outer Db used inside its own transaction is refused (it would wait for itself), and rolled back', async () => {
  const db = openSqliteDb(':memory:', { guard: true })
  await expect(
    db.tx(async (t) => {
      await t.run(`INSERT INTO meta (key, value) VALUES ('y', '1')`)
      await db.get('SELECT 1') // the mistake
    })
  ).rejects.toThrow(/outer Db was used inside its own transaction/)
  expect(await value(db, 'y')).toBeUndefined()
  await db.close()
})

test("a transaction's Db cannot be used after it ended", async () => {
  const db = openSqliteDb(':memory:')
  let kept: Db | undefined
  await db.tx(async (t) => {
    kept = t
  })
  await expect(kept!.get('SELECT 1')).rejects.toThrow(/transaction has ended/)
  await db.close()
})

test('a durable transaction commits like any other (synchronous=FULL around it, counted as two pragmas)', async () => {
  const db = openSqliteDb(':memory:')
  const start = db.counts()
  await db.tx((t) => t.run(`INSERT INTO meta (key, value) VALUES ('d', '1')`), { durable: true })
  expect(await value(db, 'd')).toBe('1')
  // (in memory there is no disk to sync: no pragma)
  expect(db.counts().statements - start.statements).toBe(2)
  await db.close()
})
