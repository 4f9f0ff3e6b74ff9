/* validate.c - argument checks shared by every public function, and the sentences that tell
 * a person what is wrong. Every check happens here, before any kernel reads or writes and
 * before any stepper allocates. */
#include <stdarg.h>
#include <string.h>

#include "internal.h"

const char *cs_status_message(cs_status s) {
    switch (s) {
        case CS_OK:
            return "ok";
        case CS_ERR_NULL:
            return "a required array is missing (NULL pointer)";
        case CS_ERR_SHAPE:
            return "the shapes do not fit: a dimension is below 1 or the window does not fit the "
                   "input";
        case CS_ERR_PARAM:
            return "a hyper-parameter is out of range";
        case CS_ERR_TOO_LARGE:
            return "a tensor would be larger than the size limit";
        case CS_ERR_NOMEM:
            return "out of memory";
    }
    return "unknown status code";
}

/* A small formatter for the sentences: %d, %ld, %lld and %s only. It replaces vsnprintf,
 * which would bring the C library's whole printf (floating point included) into the
 * WebAssembly module. Writes at most cap - 1 bytes and a NUL; returns the full length. */
static size_t format(char *out, size_t cap, const char *fmt, va_list ap) {
    size_t n = 0;
#define PUT(ch)                                                                                    \
    do {                                                                                           \
        const char put_ = (ch);                                                                    \
        if (n + 1 < cap) out[n] = put_;                                                            \
        n++;                                                                                       \
    } while (0)
    for (const char *p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            PUT(*p);
            continue;
        }
        int longs = 0;
        while (p[1] == 'l') {
            longs++;
            p++;
        }
        p++;
        if (*p == 's') {
            for (const char *t = va_arg(ap, const char *); *t != '\0'; t++) PUT(*t);
        } else if (*p == 'd') {
            const long long v = longs >= 2   ? va_arg(ap, long long)
                                : longs == 1 ? va_arg(ap, long)
                                             : va_arg(ap, int);
            unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            char digits[24];
            int k = 0;
            do {
                digits[k++] = (char)('0' + (int)(u % 10));
                u /= 10;
            } while (u != 0);
            if (v < 0) PUT('-');
            while (k > 0) PUT(digits[--k]);
        } else if (*p == '%') {
            PUT('%');
        } else {
            break; /* not used by any sentence here */
        }
    }
#undef PUT
    if (cap > 0) out[n < cap ? n : cap - 1] = '\0';
    return n;
}

/* Writes the sentence (if a buffer was given) and passes the status through. */
static cs_status say(char *msg, size_t cap, cs_status s, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static cs_status say(char *msg, size_t cap, cs_status s, const char *fmt, ...) {
    if (msg != NULL && cap > 0) {
        va_list ap;
        va_start(ap, fmt);
        const size_t n = format(msg, cap, fmt, ap);
        va_end(ap);
        if (n >= cap) {
            /* Truncated: do not leave part of a multi-byte character (the × sign) behind. */
            const size_t end = cap - 1;
            size_t j = end;
            while (j > 0 && ((unsigned char)msg[j - 1] & 0xC0) == 0x80) j--;
            if (j > 0) {
                const unsigned char lead = (unsigned char)msg[j - 1];
                const size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
                if (j - 1 + len > end) msg[j - 1] = '\0';
            }
        }
    }
    return s;
}

static cs_status check_dims(cs_shape in, char *msg, size_t cap) {
    if (in.m < 1)
        return say(msg, cap, CS_ERR_SHAPE, "m (samples) must be at least 1, got %d", in.m);
    if (in.n_H < 1)
        return say(msg, cap, CS_ERR_SHAPE, "n_H_prev (input height) must be at least 1, got %d",
                   in.n_H);
    if (in.n_W < 1)
        return say(msg, cap, CS_ERR_SHAPE, "n_W_prev (input width) must be at least 1, got %d",
                   in.n_W);
    if (in.n_C < 1)
        return say(msg, cap, CS_ERR_SHAPE, "n_C_prev (input channels) must be at least 1, got %d",
                   in.n_C);
    return CS_OK;
}

/* Element count of a 4-d tensor, or -1 past the limit. Dimensions are ints >= 1 here, and
 * each partial product is checked against the limit before the next multiplication, so
 * nothing overflows 64 bits. */
static long long count4(long long a, long long b, long long c, long long d) {
    long long n = a;
    const long long dims[3] = {b, c, d};
    for (int k = 0; k < 3; k++) {
        if (n > CS_MAX_ELEMENTS || dims[k] > CS_MAX_ELEMENTS) return -1;
        n *= dims[k];
    }
    return n > CS_MAX_ELEMENTS ? -1 : n;
}

static cs_status check_size(const char *what, long long a, long long b, long long c, long long d,
                            char *msg, size_t cap) {
    if (count4(a, b, c, d) < 0)
        return say(msg, cap, CS_ERR_TOO_LARGE,
                   "%s would be %lld×%lld×%lld×%lld, more than the limit of %ld elements", what, a,
                   b, c, d, (long)CS_MAX_ELEMENTS);
    return CS_OK;
}

cs_status cs__conv_geom(cs_shape in, cs_conv_params p, cs__geom *g, char *msg, size_t cap) {
    if (p.f < 1)
        return say(msg, cap, CS_ERR_PARAM, "filter size f must be at least 1, got %d", p.f);
    if (p.n_C < 1)
        return say(msg, cap, CS_ERR_PARAM, "n_C (number of filters) must be at least 1, got %d",
                   p.n_C);
    if (p.stride < 1)
        return say(msg, cap, CS_ERR_PARAM, "stride must be at least 1, got %d", p.stride);
    if (p.pad < 0) return say(msg, cap, CS_ERR_PARAM, "pad must be 0 or more, got %d", p.pad);
    if (p.dilation < 0)
        return say(msg, cap, CS_ERR_PARAM, "dilation must be 0 or more (0 and 1 mean none), got %d",
                   p.dilation);
    cs_status s = check_dims(in, msg, cap);
    if (s != CS_OK) return s;

    const long long d = p.dilation == 0 ? 1 : p.dilation;
    const long long span = d * ((long long)p.f - 1) + 1;
    const long long Hp = (long long)in.n_H + 2LL * p.pad, Wp = (long long)in.n_W + 2LL * p.pad;
    if ((s = check_size("A_prev", in.m, in.n_H, in.n_W, in.n_C, msg, cap)) != CS_OK) return s;
    if ((s = check_size("the padded input", in.m, Hp, Wp, in.n_C, msg, cap)) != CS_OK) return s;
    if ((s = check_size("W", p.f, p.f, in.n_C, p.n_C, msg, cap)) != CS_OK) return s;
    if (span > Hp || span > Wp) {
        if (d == 1)
            return say(msg, cap, CS_ERR_SHAPE,
                       "filter %d×%d does not fit the padded input %lld×%lld", p.f, p.f, Hp, Wp);
        return say(msg, cap, CS_ERR_SHAPE,
                   "filter %d×%d with dilation %lld spans %lld×%lld and does not fit the padded "
                   "input %lld×%lld",
                   p.f, p.f, d, span, span, Hp, Wp);
    }
    const long long n_H = (Hp - span) / p.stride + 1, n_W = (Wp - span) / p.stride + 1;
    if ((s = check_size("Z", in.m, n_H, n_W, p.n_C, msg, cap)) != CS_OK) return s;

    if (g != NULL) {
        g->m = in.m;
        g->n_H_prev = in.n_H;
        g->n_W_prev = in.n_W;
        g->n_C_prev = in.n_C;
        g->f = p.f;
        g->stride = p.stride;
        g->pad = p.pad;
        g->dilation = (int)d;
        g->n_H = (int)n_H;
        g->n_W = (int)n_W;
        g->n_C = p.n_C;
        g->n_H_pad = (int)Hp;
        g->n_W_pad = (int)Wp;
        g->span = (int)span;
    }
    say(msg, cap, CS_OK, "ok");
    return CS_OK;
}

cs_status cs__pool_geom(cs_shape in, cs_pool_params p, cs__geom *g, char *msg, size_t cap) {
    if (p.f < 1)
        return say(msg, cap, CS_ERR_PARAM, "window size f must be at least 1, got %d", p.f);
    if (p.stride < 1)
        return say(msg, cap, CS_ERR_PARAM, "stride must be at least 1, got %d", p.stride);
    if (p.mode != CS_POOL_MAX && p.mode != CS_POOL_AVERAGE)
        return say(msg, cap, CS_ERR_PARAM, "mode must be 0 (max) or 1 (average), got %d",
                   (int)p.mode);
    if (p.ties != CS_TIES_ALL && p.ties != CS_TIES_FIRST)
        return say(msg, cap, CS_ERR_PARAM,
                   "ties must be 0 (all tied maxima) or 1 (first maximum), got %d", (int)p.ties);
    cs_status s = check_dims(in, msg, cap);
    if (s != CS_OK) return s;
    if ((s = check_size("A_prev", in.m, in.n_H, in.n_W, in.n_C, msg, cap)) != CS_OK) return s;
    if (p.f > in.n_H || p.f > in.n_W)
        return say(msg, cap, CS_ERR_SHAPE, "window %d×%d does not fit the input %d×%d", p.f, p.f,
                   in.n_H, in.n_W);

    if (g != NULL) {
        g->m = in.m;
        g->n_H_prev = in.n_H;
        g->n_W_prev = in.n_W;
        g->n_C_prev = in.n_C;
        g->f = p.f;
        g->stride = p.stride;
        g->pad = 0;
        g->dilation = 1;
        g->n_H = (in.n_H - p.f) / p.stride + 1;
        g->n_W = (in.n_W - p.f) / p.stride + 1;
        g->n_C = in.n_C;
        g->n_H_pad = in.n_H;
        g->n_W_pad = in.n_W;
        g->span = p.f;
    }
    say(msg, cap, CS_OK, "ok");
    return CS_OK;
}

cs_status cs__conv_transpose_geom(cs_shape in, cs_conv_transpose_params p, cs__geom *g, char *msg,
                                  size_t cap) {
    if (p.f < 1)
        return say(msg, cap, CS_ERR_PARAM, "filter size f must be at least 1, got %d", p.f);
    if (p.n_C_out < 1)
        return say(msg, cap, CS_ERR_PARAM, "n_C_out (output channels) must be at least 1, got %d",
                   p.n_C_out);
    if (p.stride < 1)
        return say(msg, cap, CS_ERR_PARAM, "stride must be at least 1, got %d", p.stride);
    if (p.pad < 0) return say(msg, cap, CS_ERR_PARAM, "pad must be 0 or more, got %d", p.pad);
    if (p.dilation < 0)
        return say(msg, cap, CS_ERR_PARAM, "dilation must be 0 or more (0 and 1 mean none), got %d",
                   p.dilation);
    if (p.output_padding < 0)
        return say(msg, cap, CS_ERR_PARAM, "output_padding must be 0 or more, got %d",
                   p.output_padding);
    const long long d = p.dilation == 0 ? 1 : p.dilation;
    /* PyTorch's rule: extra rows are only ambiguous within one stride (or one dilation step). */
    if (p.output_padding >= p.stride && p.output_padding >= d)
        return say(msg, cap, CS_ERR_PARAM,
                   "output_padding %d must be smaller than the stride %d or the dilation %lld",
                   p.output_padding, p.stride, d);
    if (in.m < 1)
        return say(msg, cap, CS_ERR_SHAPE, "m (samples) must be at least 1, got %d", in.m);
    if (in.n_H < 1)
        return say(msg, cap, CS_ERR_SHAPE, "n_H (input height) must be at least 1, got %d", in.n_H);
    if (in.n_W < 1)
        return say(msg, cap, CS_ERR_SHAPE, "n_W (input width) must be at least 1, got %d", in.n_W);
    if (in.n_C < 1)
        return say(msg, cap, CS_ERR_SHAPE, "n_C (input channels) must be at least 1, got %d",
                   in.n_C);
    cs_status s;
    if ((s = check_size("X", in.m, in.n_H, in.n_W, in.n_C, msg, cap)) != CS_OK) return s;
    if ((s = check_size("W", p.f, p.f, p.n_C_out, in.n_C, msg, cap)) != CS_OK) return s;
    /* Each dimension of X is at most CS_MAX_ELEMENTS now, so none of this overflows. */
    const long long span = d * ((long long)p.f - 1) + 1;
    const long long Hp = ((long long)in.n_H - 1) * p.stride + span + p.output_padding;
    const long long Wp = ((long long)in.n_W - 1) * p.stride + span + p.output_padding;
    const long long n_H = Hp - 2LL * p.pad, n_W = Wp - 2LL * p.pad;
    if (n_H < 1 || n_W < 1)
        return say(msg, cap, CS_ERR_SHAPE,
                   "pad %d crops the whole output: the windows cover %lld×%lld, which leaves "
                   "%lld×%lld",
                   p.pad, Hp, Wp, n_H, n_W);
    if ((s = check_size("the padded output Y_pad", in.m, Hp, Wp, p.n_C_out, msg, cap)) != CS_OK)
        return s;

    if (g != NULL) {
        g->m = in.m;
        g->n_H_prev = (int)n_H;
        g->n_W_prev = (int)n_W;
        g->n_C_prev = p.n_C_out;
        g->f = p.f;
        g->stride = p.stride;
        g->pad = p.pad;
        g->dilation = (int)d;
        g->n_H = in.n_H;
        g->n_W = in.n_W;
        g->n_C = in.n_C;
        g->n_H_pad = (int)Hp;
        g->n_W_pad = (int)Wp;
        g->span = (int)span;
    }
    say(msg, cap, CS_OK, "ok");
    return CS_OK;
}

cs_status cs_conv_transpose_validate(cs_shape in, cs_conv_transpose_params p, char *msg,
                                     size_t msg_cap) {
    return cs__conv_transpose_geom(in, p, NULL, msg, msg_cap);
}

cs_status cs_conv_transpose_output_shape(cs_shape in, cs_conv_transpose_params p, cs_shape *out) {
    if (out == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__conv_transpose_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    *out = (cs_shape){g.m, g.n_H_prev, g.n_W_prev, g.n_C_prev};
    return CS_OK;
}

cs_status cs_conv_validate(cs_shape in, cs_conv_params p, char *msg, size_t msg_cap) {
    return cs__conv_geom(in, p, NULL, msg, msg_cap);
}

cs_status cs_pool_validate(cs_shape in, cs_pool_params p, char *msg, size_t msg_cap) {
    return cs__pool_geom(in, p, NULL, msg, msg_cap);
}

cs_status cs_conv_output_shape(cs_shape in, cs_conv_params p, cs_shape *out) {
    if (out == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__conv_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    *out = (cs_shape){g.m, g.n_H, g.n_W, g.n_C};
    return CS_OK;
}

cs_status cs_pool_output_shape(cs_shape in, cs_pool_params p, cs_shape *out) {
    if (out == NULL) return CS_ERR_NULL;
    cs__geom g;
    cs_status s = cs__pool_geom(in, p, &g, NULL, 0);
    if (s != CS_OK) return s;
    *out = (cs_shape){g.m, g.n_H, g.n_W, g.n_C};
    return CS_OK;
}
