import { describe, expect, it } from 'vitest';
import { numberPlaceholders, translate } from '../../src/server/storage/postgres/dialect.js';
import { ftsToTsquery } from '../../src/server/storage/knowledgeSearchSql.js';

describe('SQLite → PostgreSQL statement translation', () => {
  it('numbers placeholders and leaves question marks in strings alone', () => {
    expect(numberPlaceholders('SELECT ? , \'is it?\', "a?" WHERE x = ?')).toBe(
      'SELECT $1 , \'is it?\', "a?" WHERE x = $2',
    );
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING and names the table for lastInsertRowid', () => {
    expect(translate('INSERT OR IGNORE INTO message_keys (a, b) VALUES (?, ?)')).toEqual({
      text: 'INSERT INTO message_keys (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      insertInto: 'message_keys',
    });
    expect(translate('INSERT INTO t (a) VALUES (?) RETURNING a').insertInto).toBeNull();
  });

  it('quotes camelCase aliases, which PostgreSQL would fold to lower case, where made and where used', () => {
    expect(translate('SELECT agent_id AS agentId, name AS name FROM x').text).toBe(
      'SELECT agent_id AS "agentId", name AS name FROM x',
    );
    expect(translate("SELECT a.n AS agentName, 'agentName' FROM x ORDER BY agentName, x.agentName").text).toBe(
      `SELECT a.n AS "agentName", 'agentName' FROM x ORDER BY "agentName", x.agentName`,
    );
  });

  it('compares two columns NULL-safely and drops index hints', () => {
    expect(
      translate('WHERE s.a IS NOT m.a AND b IS c AND d IS NOT NULL AND e IS NULL FROM t INDEXED BY t_idx').text,
    ).toBe('WHERE s.a IS DISTINCT FROM m.a AND b IS NOT DISTINCT FROM c AND d IS NOT NULL AND e IS NULL FROM t ');
  });

  it('gives a bare parameter tested for NULL a type', () => {
    expect(translate('WHERE (? IS NULL OR a = ?) AND (? IS NOT NULL)').text).toBe(
      'WHERE (CAST($1 AS TEXT) IS NULL OR a = $2) AND (CAST($3 AS TEXT) IS NOT NULL)',
    );
  });

  it('compares with NULL-safe IS and keeps LIKE case-insensitive as in SQLite', () => {
    expect(translate('WHERE a IS ? AND b IS NOT ? AND c LIKE ? AND d NOT LIKE ?').text).toBe(
      'WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM $2 AND c ILIKE $3 AND d NOT ILIKE $4',
    );
  });

  it('translates the JSON1 calls the hub uses, nested, without touching string literals', () => {
    expect(
      translate(
        "SELECT json_group_array(json_extract(data_json, '$.agentId')) AS ids, 'json_extract(x)' FROM t WHERE id IN (SELECT value FROM json_each(?))",
      ).text,
    ).toBe(
      "SELECT coalesce(json_agg(nullif((data_json)::jsonb #> '{agentId}', 'null'))::text, '[]') AS ids, 'json_extract(x)' FROM t WHERE id IN (SELECT value FROM jsonb_array_elements_text(CAST($1 AS jsonb)))",
    );
    expect(translate("SELECT json_extract(c, '$.queue.missedBy') FROM t").text).toContain("#> '{queue,missedBy}'");
  });

  it('refuses a JSON path it cannot translate instead of running something else', () => {
    expect(() => translate("SELECT json_extract(v, '$[0]') FROM t")).toThrow(/json_extract path not translatable/);
  });

  it('turns group_concat into string_agg and 64-bit casts into BIGINT', () => {
    expect(translate("SELECT group_concat(v, ', '), CAST(x AS INTEGER), CAST(y AS REAL) FROM t").text).toBe(
      "SELECT string_agg(v, ', '), CAST(x AS BIGINT), CAST(y AS DOUBLE PRECISION) FROM t",
    );
  });

  it('names subqueries in FROM, which PostgreSQL requires', () => {
    expect(translate('SELECT count(*) FROM (SELECT x FROM t GROUP BY x) WHERE 1 = 1').text).toBe(
      'SELECT count(*) FROM (SELECT x FROM t GROUP BY x) AS okno_sub0 WHERE 1 = 1',
    );
    expect(translate('SELECT * FROM (SELECT a FROM (SELECT a FROM t)) h').text).toBe(
      'SELECT * FROM (SELECT a FROM (SELECT a FROM t) AS okno_sub0) h',
    );
  });

  it('turns the knowledge search expression into a tsquery with the same prefixes', () => {
    expect(ftsToTsquery('("карты"* OR "карт"*) AND "block"*')).toBe("('карты':* | 'карт':*) & 'block':*");
    expect(ftsToTsquery('"one"* OR "two"*')).toBe("'one':* | 'two':*");
  });
});
