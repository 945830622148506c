/**
 * The smoke's own database on the PostgreSQL server it found: made empty at the start, as
 * a fresh app's is, and dropped at the end.
 */
const { Client } = require("pg")

async function onServer(conn, sql) {
  const client = new Client({ ...conn, database: "postgres" })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

const quoted = (name) => `"${name.replace(/"/g, "")}"`

/** Drops the database if a run that was killed left it behind. */
async function dropDatabase(conn, name) {
  await onServer(conn, `DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`)
}

async function recreateDatabase(conn, name) {
  await dropDatabase(conn, name)
  await onServer(conn, `CREATE DATABASE ${quoted(name)}`)
}

module.exports = { recreateDatabase, dropDatabase }
