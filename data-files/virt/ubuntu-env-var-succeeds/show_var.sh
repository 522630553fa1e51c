#!/usr/bin/env bash
echo "variable is '${ECHO_VAR}'"
