import { dbCounts, openDb, transact } from './index'

test('the database counts the statements it runs and the commits they make (bench:api prints them per flow)', () => {
  const db = openDb(':memory:')
  const start = dbCounts(db)
  db.prepare(`INSERT INTO meta (key, value) VALUES ('a', '1')`).run() // a write on its own: its own commit
  db.prepare('SELECT value FROM meta WHERE key = ?').get('a') // a read: no commit
  transact(db, () => {
    // two writes and a read in one transaction: one commit
    db.prepare(`INSERT INTO meta (key, value) VALUES ('b', '2')`).run()
    db.prepare(`UPDATE meta SET value = '3' WHERE key = 'b'`).run()
    db.prepare('SELECT COUNT(*) AS n FROM meta').all()
    transact(db, () => db.prepare(`DELETE FROM meta WHERE key = 'a'`).run()) // nested: a savepoint, no commit of its own
  })
  const end = dbCounts(db)
  expect(end.statements - start.statements).toBe(6)
  expect(end.commits - start.commits).toBe(2)
  db.close()
})
