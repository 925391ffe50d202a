/*
 * rusagehelper.c: run a program and write its peak resident size
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * rusagehelper FILE PROGRAM [ARG...]
 *
 * A child's ru_maxrss counts the pages of its parent at fork(), which
 * for a test program holding its inputs hides the child's own figure.
 * This helper is a small process of its own: it runs PROGRAM as its
 * child, writes the child's peak resident size in KiB to FILE, and
 * exits with the child's status, or dies of the signal the child died
 * of.  Killing the helper kills the child (PR_SET_PDEATHSIG).
 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
    struct rusage usage = { 0 };
    FILE *out;
    pid_t pid;
    int status = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: %s FILE PROGRAM [ARG...]\n", argv[0]);
        return 125;
    }

    if ((pid = fork()) < 0) {
        perror("fork");
        return 125;
    }
    if (pid == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() == 1)
            _exit(125);
        execv(argv[2], argv + 2);
        fprintf(stderr, "cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }

    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            perror("wait4");
            return 125;
        }
    }

    if (!(out = fopen(argv[1], "w")) ||
        fprintf(out, "%ld\n", usage.ru_maxrss) < 0 ||
        fclose(out) != 0) {
        perror(argv[1]);
        return 125;
    }
    if (WIFSIGNALED(status)) {
        signal(WTERMSIG(status), SIG_DFL);
        raise(WTERMSIG(status));
        return 125;
    }
    return WEXITSTATUS(status);
}
