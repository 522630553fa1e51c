#!/bin/sh
python3 spawn.py &
wait
