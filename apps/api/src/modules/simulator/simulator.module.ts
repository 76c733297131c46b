import { Module } from '@nestjs/common';
import { IngestTransportFactory } from './ingest-transport.factory';
import { SimulatorService } from './simulator.service';

@Module({ providers: [SimulatorService, IngestTransportFactory], exports: [SimulatorService] })
export class SimulatorModule {}
