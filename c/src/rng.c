/* rng.c - numpy's legacy RandomState, bit for bit: np.random.seed(s); np.random.randn(...).
 *
 * MT19937 seeded by init_genrand (what numpy does for an integer seed), doubles with 53 random
 * bits from two draws, and Gaussians by the polar (Marsaglia) method, which makes two values
 * per accepted pair, returns the second first and keeps the other for the next call. */
#include <math.h>

#include "convstep.h"

#define MT_N 624
#define MT_M 397

void cs_rng_seed(cs_rng *r, uint32_t seed) {
    if (r == NULL) return;
    r->mt[0] = seed;
    for (int i = 1; i < MT_N; i++)
        r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    r->mti = MT_N;
    r->has_gauss = 0; /* seeding clears the cached Gaussian, as numpy does */
    r->gauss = 0.0;
}

uint32_t cs_rng_next_u32(cs_rng *r) {
    if (r == NULL) return 0;
    if (r->mti >= MT_N) {
        /* Regenerate the whole block of 624 words. */
        for (int k = 0; k < MT_N; k++) {
            const uint32_t y = (r->mt[k] & 0x80000000u) | (r->mt[(k + 1) % MT_N] & 0x7fffffffu);
            r->mt[k] = r->mt[(k + MT_M) % MT_N] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
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

double cs_rng_random(cs_rng *r) {
    if (r == NULL) return 0.0;
    const uint32_t a = cs_rng_next_u32(r) >> 5, b = cs_rng_next_u32(r) >> 6;
    return ((double)a * 67108864.0 + (double)b) / 9007199254740992.0;
}

double cs_rng_randn(cs_rng *r) {
    if (r == NULL) return 0.0;
    if (r->has_gauss) {
        r->has_gauss = 0;
        return r->gauss;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * cs_rng_random(r) - 1.0;
        x2 = 2.0 * cs_rng_random(r) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double f = sqrt(-2.0 * log(r2) / r2);
    r->gauss = f * x1;
    r->has_gauss = 1;
    return f * x2;
}

void cs_rng_randn_fill(cs_rng *r, double *out, size_t n) {
    if (r == NULL || out == NULL) return;
    for (size_t j = 0; j < n; j++) out[j] = cs_rng_randn(r);
}
