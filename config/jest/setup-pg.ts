// node-pg project: the county API tests in this project run on PostgreSQL (per test file: jest
// gives each file its own copy of process.env, so the node project keeps SQLite).
process.env.COUNTY_API_TEST_DB = 'postgres'
