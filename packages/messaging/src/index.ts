export { createKafka, kafkaHealthCheck } from './kafka';
