#include "verdicts.h"

#include <string.h>

static const struct {
	const char *code, *label_sv, *label_en, *word_sv, *word_en;
	unsigned colour;
} verdicts[VK_COUNT] = {
	[VK_BRIST] = {"brist", "Brist", "Shortage", "brist", "shortage", 0xD55E00 /* vermillion */},
	[VK_BEVAKA] = {"bevaka", "Bevaka", "Watch", "bevaka", "watch", 0xE69F00 /* orange */},
	[VK_BALANS] = {"balans", "Balans", "Balance", "balans", "balance", 0x56B4E9 /* sky blue */},
	[VK_OVERSKOTT] = {"överskott", "Överskott", "Surplus", "överskott", "surplus",
			  0x0072B2 /* blue */},
	[VK_X] = {"X", "Ej bedömd", "Not assessed", "ej bedömd", "not assessed", 0xBBBBBB /* grey */},
};

static int in_range(enum verdict_kind v)
{
	return (int)v >= 0 && v < VK_COUNT;
}

const char *verdict_code(enum verdict_kind v)
{
	return verdicts[in_range(v) ? v : VK_X].code;
}

int verdict_parse(const char *code)
{
	if (*code == '\0')
		return VK_X;
	for (int v = 0; v < VK_COUNT; v++)
		if (strcmp(code, verdicts[v].code) == 0)
			return v;
	if (strcmp(code, "overskott") == 0)
		return VK_OVERSKOTT;
	return -1;
}

const char *verdict_label(enum verdict_kind v, int en)
{
	v = in_range(v) ? v : VK_X;
	return en ? verdicts[v].label_en : verdicts[v].label_sv;
}

const char *verdict_word(enum verdict_kind v, int en)
{
	v = in_range(v) ? v : VK_X;
	return en ? verdicts[v].word_en : verdicts[v].word_sv;
}

int verdict_order(const char *code)
{
	int v = verdict_parse(code);
	return v < 0 ? VK_COUNT : v;
}

unsigned verdict_colour(enum verdict_kind v)
{
	return verdicts[in_range(v) ? v : VK_X].colour;
}
