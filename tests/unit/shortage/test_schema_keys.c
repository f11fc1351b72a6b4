/* The shortage stage and the configuration schema agree: the retirement
 * keys' age bands are the registry's, and every key shortage reads takes,
 * when absent, the default the schema documents (docs/CONFIG.md). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include "config.h"
#include "msg.h"
#include "schema.h"
#include "stages/shortage/registry.h"
#include "stages/shortage/shortage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_bands(void **state)
{
	(void)state;
	assert_int_equal(REGISTRY_NBANDS, SCHEMA_NBANDS);
	for (int b = 0; b < REGISTRY_NBANDS; b++) {
		assert_string_equal(registry_age_bands[b], schema_age_bands[b]);
		char key[32];
		snprintf(key, sizeof key, "exit5_%s", registry_age_bands[b]);
		assert_non_null(schema_find("retirement", key));
		snprintf(key, sizeof key, "exit10_%s", registry_age_bands[b]);
		assert_non_null(schema_find("retirement", key));
	}
}

static double schema_default(const char *section, const char *key)
{
	const struct schema_key *k = schema_find(section, key);
	assert_non_null(k);
	assert_non_null(k->def);
	return strtod(k->def, NULL);
}

static void test_defaults(void **state)
{
	(void)state;
	struct config *cfg = config_empty();
	struct shortage_options o;
	assert_int_equal(shortage_options_read(cfg, &o), 0);
	assert_close(o.min_respondents_stratum, schema_default("survey", "min_respondents_stratum"), 0);
	assert_close(o.max_cv, schema_default("survey", "max_cv"), 0);
	assert_close(o.min_respondents, schema_default("survey", "min_respondents"), 0);
	assert_close(o.confidence, schema_default("survey", "confidence"), 0);
	assert_close(o.min_persons, schema_default("disclosure", "min_persons"), 0);
	assert_close(o.horizon_years, schema_default("shortage", "horizon_years"), 0);
	assert_close(o.years, schema_default("shortage", "years"), 0);
	assert_close(o.paradox_share_brist, schema_default("shortage", "paradox_share_brist"), 0);
	assert_close(o.compare_max, schema_default("shortage", "compare_max"), 0);
	assert_close(o.min_employed, schema_default("shortage", "min_employed"), 0);
	assert_close(o.min_events, schema_default("shortage", "min_events"), 0);
	assert_close(o.index_brist, schema_default("shortage", "index_brist"), 0);
	assert_close(o.index_watch, schema_default("shortage", "index_watch"), 0);
	assert_close(o.index_surplus, schema_default("shortage", "index_surplus"), 0);
	assert_close(o.loading_min_employed, schema_default("shortage", "loading_min_employed"), 0);
	for (int b = 0; b < REGISTRY_NBANDS; b++) {
		char key[32];
		snprintf(key, sizeof key, "exit5_%s", registry_age_bands[b]);
		assert_close(o.exit5[b], schema_default("retirement", key), 0);
		snprintf(key, sizeof key, "exit10_%s", registry_age_bands[b]);
		assert_close(o.exit10[b], schema_default("retirement", key), 0);
	}
	config_free(cfg);
}

int main(void)
{
	msg_set_prog("test_schema_keys");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
