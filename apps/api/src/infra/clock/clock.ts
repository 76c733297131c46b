import { Global, Injectable, Module } from '@nestjs/common';

/** The time, behind a provider so tests can move it (token expiry, SLA, windows). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
