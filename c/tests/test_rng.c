/*
 * test_rng.c - cs_rng is numpy's legacy RandomState, bit for bit.
 *
 * Against tests/fixtures/rng.txt, written by numpy itself: after `seed <s>`, the case's tensors
 * are drawn in file order from one stream, each by the kind its name says:
 *   randn*          np.random.randn(n)           (cs_rng_randn_fill, and cs_rng_randn one by one)
 *   random_sample*  np.random.random_sample(n)   (cs_rng_random)
 *   raw_u32*        the raw 32-bit MT19937 outputs (cs_rng_next_u32)
 * so a randn tensor after an odd-length one starts with the Gaussian the first left cached.
 * Also against a reference MT19937 written here from the published algorithm, and against
 * values every numpy user has seen (np.random.seed(0); np.random.randn() = 1.764052345967664).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/* ---- the reference: MT19937 (Matsumoto & Nishimura), numpy's legacy double and Gaussian ---- */

typedef struct {
    uint32_t mt[624];
    int mti, has;
    double g;
} ref_mt;

static void ref_seed(ref_mt *r, uint32_t s) {
    r->mt[0] = s;
    for (uint32_t k = 1; k < 624; k++)
        r->mt[k] = 1812433253u * (r->mt[k - 1] ^ (r->mt[k - 1] >> 30)) + k;
    r->mti = 624;
    r->has = 0;
    r->g = 0;
}

static uint32_t ref_u32(ref_mt *r) {
    if (r->mti >= 624) {
        for (int k = 0; k < 624; k++) {
            const uint32_t y = (r->mt[k] & 0x80000000u) | (r->mt[(k + 1) % 624] & 0x7fffffffu);
            r->mt[k] = r->mt[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
        }
        r->mti = 0;
    }
    uint32_t y = r->mt[r->mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

static double ref_random(ref_mt *r) {
    const uint32_t a = ref_u32(r) >> 5, b = ref_u32(r) >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

static double ref_gauss(ref_mt *r) {
    if (r->has) {
        r->has = 0;
        return r->g;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * ref_random(r) - 1.0;
        x2 = 2.0 * ref_random(r) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double f = sqrt(-2.0 * log(r2) / r2);
    r->g = f * x1;
    r->has = 1;
    return f * x2;
}

/* ---- known values ------------------------------------------------------------------------- */

static void rng_reproduces_well_known_numpy_values(void) {
    cs_rng r;
    /* The MT19937 reference code's own check: init_genrand(5489), first output 3499211612. */
    cs_rng_seed(&r, 5489);
    const uint32_t u = cs_rng_next_u32(&r);
    CHECK(u == 3499211612u, "seed 5489: first 32-bit output %u, expected 3499211612", u);
    /* np.random.seed(0); np.random.random_sample(3) */
    const double rs[3] = {0.5488135039273248, 0.7151893663724195, 0.6027633760716439};
    cs_rng_seed(&r, 0);
    for (int k = 0; k < 3; k++) {
        const double v = cs_rng_random(&r);
        CHECK(t_same_bits(v, rs[k]), "seed 0: random_sample #%d is %.17g, expected %.17g", k, v,
              rs[k]);
    }
    /* np.random.seed(0); np.random.randn(3) */
    const double g[3] = {1.764052345967664, 0.4001572083672233, 0.9787379841057392};
    cs_rng_seed(&r, 0);
    for (int k = 0; k < 3; k++) {
        const double v = cs_rng_randn(&r);
        CHECK(t_same_bits(v, g[k]), "seed 0: randn #%d is %.17g, expected %.17g", k, v, g[k]);
    }
}

static void rng_matches_the_reference_mt19937_on_many_seeds(void) {
    const uint32_t seeds[] = {0, 1, 2, 42, 5489, 123456789, 0x80000000u, 0xFFFFFFFFu};
    for (size_t j = 0; j < sizeof seeds / sizeof seeds[0]; j++) {
        cs_rng r;
        ref_mt q;
        cs_rng_seed(&r, seeds[j]);
        ref_seed(&q, seeds[j]);
        /* 1300 outputs cross two regenerations of the 624-word state. */
        int ok = 1, at = -1;
        for (int k = 0; k < 1300 && ok; k++)
            if (cs_rng_next_u32(&r) != ref_u32(&q)) ok = 0, at = k;
        CHECK(ok, "seed %u: 32-bit output #%d differs from the reference MT19937", seeds[j], at);
        /* A mixed sequence: doubles and Gaussians interleaved, odd counts. */
        ok = 1;
        for (int k = 0; k < 200 && ok; k++) {
            const int kind = k % 5;
            const double a = kind == 2 ? cs_rng_random(&r) : cs_rng_randn(&r);
            const double b = kind == 2 ? ref_random(&q) : ref_gauss(&q);
            if (!t_same_bits(a, b)) ok = 0, at = k;
        }
        CHECK(ok, "seed %u: draw #%d of a mixed randn/random sequence differs from the reference",
              seeds[j], at);
    }
}

/* ---- the Gaussian cache ----------------------------------------------------------------------- */

static void randn_cache_carries_across_calls(void) {
    /* Seven at once equal 3 + 4 in two fills, and seven single calls: the seventh of the first
     * pair is cached and returned first by the next call, whichever function makes it. */
    double all[7], parts[7], singles[7];
    cs_rng r;
    cs_rng_seed(&r, 42);
    cs_rng_randn_fill(&r, all, 7);
    cs_rng_seed(&r, 42);
    cs_rng_randn_fill(&r, parts, 3);
    cs_rng_randn_fill(&r, parts + 3, 4);
    cs_rng_seed(&r, 42);
    for (int k = 0; k < 7; k++) singles[k] = cs_rng_randn(&r);
    const cs_shape s = {1, 1, 1, 7};
    T_SAME("randn_fill(3) + randn_fill(4) vs randn_fill(7)", parts, all, s, T_NHWC);
    T_SAME("7 x randn() vs randn_fill(7)", singles, all, s, T_NHWC);

    /* A uniform draw between two Gaussians does not disturb the cache (numpy keeps it). */
    ref_mt q;
    ref_seed(&q, 7);
    cs_rng_seed(&r, 7);
    const double a1 = cs_rng_randn(&r), u1 = cs_rng_random(&r), a2 = cs_rng_randn(&r);
    const double b1 = ref_gauss(&q), v1 = ref_random(&q), b2 = ref_gauss(&q);
    CHECK(t_same_bits(a1, b1) && t_same_bits(u1, v1) && t_same_bits(a2, b2),
          "randn, random, randn after seed 7: got %.17g %.17g %.17g, expected %.17g %.17g %.17g",
          a1, u1, a2, b1, v1, b2);
    CHECK(r.has_gauss == 0, "after two Gaussians the cache should be empty, has_gauss is %d",
          r.has_gauss);

    /* randn_fill of 0 writes nothing and draws nothing. */
    double none[2];
    t_fill_nan(none, 2);
    cs_rng_seed(&r, 3);
    cs_rng_randn_fill(&r, none, 0);
    const double first = cs_rng_randn(&r);
    ref_seed(&q, 3);
    CHECK(t_all_nan(none, 2) && t_same_bits(first, ref_gauss(&q)),
          "randn_fill(0) wrote or drew something");
}

static void seeding_clears_the_gaussian_cache(void) {
    cs_rng r;
    cs_rng_seed(&r, 0);
    const double g0 = cs_rng_randn(&r); /* leaves its partner cached */
    CHECK(r.has_gauss == 1, "after one randn() the cache should hold a value, has_gauss is %d",
          r.has_gauss);
    cs_rng_seed(&r, 0);
    CHECK(r.has_gauss == 0, "cs_rng_seed left has_gauss %d", r.has_gauss);
    const double again = cs_rng_randn(&r);
    CHECK(t_same_bits(again, g0),
          "after re-seeding, randn() is %.17g (the stale cache?), expected %.17g", again, g0);

    /* Seeding a struct full of garbage is the same as seeding a fresh one. */
    cs_rng dirty, clean;
    memset(&dirty, 0xFF, sizeof dirty);
    memset(&clean, 0, sizeof clean);
    cs_rng_seed(&dirty, 99);
    cs_rng_seed(&clean, 99);
    int ok = 1;
    for (int k = 0; k < 5; k++) ok &= t_same_bits(cs_rng_randn(&dirty), cs_rng_randn(&clean));
    CHECK(ok, "seeding does not fully reset the state: a dirty and a clean struct diverge");
}

/* ---- the fixture written by numpy ---------------------------------------------------------- */

static int rng_cases;

static void rng_case(const fx_case *c) {
    static char name[200];
    snprintf(name, sizeof name, "rng_matches_numpy_fixture[%s]", c->name);
    t_begin(name);
    rng_cases++;
    if (!CHECK(c->has_seed && c->nt > 0, "case %s (line %d): needs a seed and at least one tensor",
               c->name, c->line))
        return;
    /* Two passes: randn tensors by one fill, then by single calls. */
    for (int pass = 0; pass < 2; pass++) {
        cs_rng r;
        ref_mt q;
        cs_rng_seed(&r, c->seed);
        ref_seed(&q, c->seed);
        for (int k = 0; k < c->nt; k++) {
            const fx_tensor *t = &c->t[k];
            double *got = t_alloc_nan(t->n), *ref = t_alloc_nan(t->n);
            const char *how = "";
            if (strncmp(t->name, "raw_u32", 7) == 0) {
                for (size_t j = 0; j < t->n; j++) {
                    got[j] = (double)cs_rng_next_u32(&r);
                    ref[j] = (double)ref_u32(&q);
                }
                how = "cs_rng_next_u32";
            } else if (strncmp(t->name, "random_sample", 13) == 0) {
                for (size_t j = 0; j < t->n; j++) {
                    got[j] = cs_rng_random(&r);
                    ref[j] = ref_random(&q);
                }
                how = "cs_rng_random";
            } else if (strncmp(t->name, "randn", 5) == 0) {
                if (pass == 0) {
                    cs_rng_randn_fill(&r, got, t->n);
                    how = "cs_rng_randn_fill";
                } else {
                    for (size_t j = 0; j < t->n; j++) got[j] = cs_rng_randn(&r);
                    how = "cs_rng_randn one by one";
                }
                for (size_t j = 0; j < t->n; j++) ref[j] = ref_gauss(&q);
            } else {
                CHECK(0, "case %s: tensor %s: unknown kind of draw", c->name, t->name);
                free(got);
                free(ref);
                break;
            }
            char what[300];
            snprintf(what, sizeof what, "%s: %s by %s vs numpy", c->name, t->name, how);
            T_SAME(what, got, t->v, fx_shape(t), T_NHWC);
            if (pass == 0) {
                snprintf(what, sizeof what, "%s: %s, the test's reference MT19937 vs numpy",
                         c->name, t->name);
                T_SAME(what, ref, t->v, fx_shape(t), T_NHWC);
            }
            free(got);
            free(ref);
        }
    }
}

static void rng_fixture_file_is_complete(void) {
    rng_cases = 0;
    fx_read("tests/fixtures/rng.txt", rng_case);
    t_begin("rng_fixture_file_is_complete");
    CHECK(rng_cases > 0, "tests/fixtures/rng.txt has no case");
}

void run_rng_tests(void) {
    RUN(rng_reproduces_well_known_numpy_values);
    RUN(rng_matches_the_reference_mt19937_on_many_seeds);
    RUN(randn_cache_carries_across_calls);
    RUN(seeding_clears_the_gaussian_cache);
    RUN(rng_fixture_file_is_complete);
}
